/** Renders text as a QR code (SVG). `qrcode` is imported here only, so it lives in this lazy chunk. */
import { useEffect, useState } from 'preact/hooks';
import QRCode from 'qrcode';

export function QrImage({ text, label }: { text: string; label: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    // Error correction M: survives a scratched screen or glare; margin 4 modules as the standard asks.
    void QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 }).then(setSvg).catch(() => setSvg(null));
  }, [text]);
  if (!svg) return null;
  const src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  return <img src={src} alt={label} width={260} height={260} style={{ display: 'block', margin: '0 auto', background: '#fff' }} data-testid="code-qr" />;
}
