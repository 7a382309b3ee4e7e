/**
 * Scans the enrolment QR with the camera. Lazy-loaded (only people who tap "scan" pay for it). Uses the built-in
 * BarcodeDetector where the browser has one (Chrome on Android), else jsQR on canvas frames (iPhone Safari).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../i18n';
import { codeFromQr } from '../../lib/enrol-code';

interface Props {
  onCode: (code: string) => void;
  onClose: () => void;
}

type Detect = (video: HTMLVideoElement) => Promise<string | null>;

async function makeDetector(canvas: HTMLCanvasElement): Promise<Detect> {
  const BD = (globalThis as { BarcodeDetector?: new (o: { formats: string[] }) => { detect(v: HTMLVideoElement): Promise<{ rawValue: string }[]> } }).BarcodeDetector;
  if (BD) {
    const detector = new BD({ formats: ['qr_code'] });
    return async (video) => (await detector.detect(video))[0]?.rawValue ?? null;
  }
  const { default: jsQR } = await import('jsqr');
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  return async (video) => {
    const w = video.videoWidth;
    const h = video.videoHeight;
    if (!w || !h) return null;
    canvas.width = w;
    canvas.height = h;
    ctx.drawImage(video, 0, 0, w, h);
    return jsQR(ctx.getImageData(0, 0, w, h).data, w, h)?.data ?? null;
  };
}

export default function QrScanner({ onCode, onClose }: Props) {
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stream: MediaStream | undefined;
    let stopped = false;
    (async () => {
      try {
        if (!navigator.mediaDevices?.getUserMedia) throw new Error(t('scan.noCamera'));
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
        // Closed while the permission prompt was up: the camera must not stay on behind the closed scanner.
        if (stopped) { stream.getTracks().forEach((track) => track.stop()); return; }
        const v = video.current!;
        v.srcObject = stream;
        await v.play();
        const detect = await makeDetector(canvas.current!);
        while (!stopped) {
          const text = await detect(v).catch(() => null);
          const code = text ? codeFromQr(text) : null;
          if (code) { onCode(code); return; }
          await new Promise((r) => setTimeout(r, 250)); // ~4 frames/s is plenty and spares a cheap phone's battery
        }
      } catch (e) {
        setError(e instanceof DOMException && e.name === 'NotAllowedError' ? t('scan.denied') : t('scan.failed'));
      }
    })();
    return () => {
      stopped = true;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  return (
    <div class="stack">
      <p>{t('scan.aim')}</p>
      <video ref={video} playsInline muted style={{ width: '100%', maxHeight: '50vh', background: '#000', borderRadius: '10px' }} aria-label={t('scan.video')} />
      <canvas ref={canvas} hidden />
      {error && <p class="error" role="alert">{error}</p>}
      <button type="button" class="btn block secondary" onClick={onClose}>{t('common.close')}</button>
    </div>
  );
}
