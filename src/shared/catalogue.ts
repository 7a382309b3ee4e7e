/**
 * The visit checklist catalogue, versioned. Every version ever shipped stays here so that old visits still render
 * after an update: a visit records the catalogueVersion it was made with, and items are never removed or renamed,
 * only added (a new national app = a new item in a new version).
 */
export type Scope = 'person' | 'household';
export type Lang = 'vi' | 'en';

export interface DetailOption {
  key: string;
  vi: string;
  en: string;
}

export interface CatalogueItem {
  key: string;
  vi: string;
  en: string;
  scope: Scope;
  /** Hint shown under the item (e.g. "level 2 is activated with the police"). */
  hint?: { vi: string; en: string };
  /** Detail choices recorded with the outcome (e-wallet provider, dossier kind, …); several may be chosen. */
  details?: { vi: string; en: string; options: DetailOption[] };
  /** Only offered when the household is a producer/trader, etc. Informational for the UI. */
  onlyFor?: 'producer';
  /** Catalogue version that introduced the item. */
  since: number;
}

export const OUTCOMES = ['had', 'guided', 'done', 'needs_help', 'not_needed', 'declined'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const OUTCOME_LABELS: Record<Outcome, { vi: string; en: string }> = {
  had: { vi: 'Đã có sẵn', en: 'Already had it' },
  guided: { vi: 'Đã hướng dẫn', en: 'Shown how' },
  done: { vi: 'Đã hoàn thành', en: 'Done with our help' },
  needs_help: { vi: 'Cần hỗ trợ thêm', en: 'Needs more help' },
  not_needed: { vi: 'Không có nhu cầu / không phù hợp', en: 'Not needed / not applicable' },
  declined: { vi: 'Từ chối', en: 'Declined' },
};

const opt = (key: string, vi: string, en: string): DetailOption => ({ key, vi, en });
const OTHER = opt('other', 'Khác', 'Other');

const ITEMS_V1: CatalogueItem[] = [
  { key: 'vneid_l1', vi: 'Tài khoản định danh điện tử VNeID mức 1', en: 'VNeID electronic identity, level 1', scope: 'person', since: 1 },
  {
    key: 'vneid_l2', vi: 'Tài khoản định danh điện tử VNeID mức 2', en: 'VNeID electronic identity, level 2', scope: 'person', since: 1,
    hint: { vi: 'Mức 2 được kích hoạt cùng Công an xã', en: 'Level 2 is activated with the commune police' },
  },
  { key: 'dvc_account', vi: 'Tài khoản Dịch vụ công trực tuyến', en: 'Online public services account', scope: 'person', since: 1 },
  {
    key: 'dvc_dossier', vi: 'Nộp hồ sơ dịch vụ công trực tuyến', en: 'Online public-service dossier', scope: 'household', since: 1,
    details: {
      vi: 'Loại hồ sơ', en: 'Dossier kind',
      options: [
        opt('birth', 'Đăng ký khai sinh', 'Birth registration'),
        opt('marriage', 'Đăng ký kết hôn', 'Marriage registration'),
        opt('driving_licence', 'Cấp đổi giấy phép lái xe', 'Driving-licence renewal'),
        opt('residence', 'Xác nhận thông tin cư trú', 'Residence confirmation'),
        opt('business', 'Đăng ký kinh doanh', 'Business registration'),
        OTHER,
      ],
    },
  },
  { key: 'bank_account', vi: 'Mở tài khoản ngân hàng', en: 'Bank account', scope: 'person', since: 1 },
  { key: 'mobile_banking', vi: 'Cài đặt, sử dụng Mobile Banking', en: 'Mobile banking', scope: 'person', since: 1 },
  {
    key: 'e_wallet', vi: 'Ví điện tử', en: 'E-wallet', scope: 'person', since: 1,
    details: {
      vi: 'Ví', en: 'Wallet',
      options: [opt('momo', 'MoMo', 'MoMo'), opt('zalopay', 'ZaloPay', 'ZaloPay'), opt('viettel_money', 'Viettel Money', 'Viettel Money'), opt('vnpt_money', 'VNPT Money', 'VNPT Money'), OTHER],
    },
  },
  {
    key: 'qr_payment', vi: 'Thanh toán bằng mã QR', en: 'QR payment', scope: 'person', since: 1,
    details: {
      vi: 'Dùng để', en: 'Used for',
      options: [opt('shop', 'Mua hàng tại cửa hàng', 'Shops'), opt('electricity', 'Tiền điện', 'Electricity bill'), opt('water', 'Tiền nước', 'Water bill'), opt('internet', 'Internet', 'Internet bill')],
    },
  },
  {
    key: 'ecommerce_buy', vi: 'Mua sắm trên sàn thương mại điện tử', en: 'Shopping on e-commerce platforms', scope: 'household', since: 1,
    details: { vi: 'Sàn', en: 'Platform', options: [opt('voso', 'Vỏ Sò', 'Vỏ Sò'), opt('postmart', 'Postmart', 'Postmart'), OTHER] },
  },
  {
    key: 'ecommerce_sell', vi: 'Đưa sản phẩm địa phương lên sàn', en: 'Local products listed online', scope: 'household', since: 1, onlyFor: 'producer',
    hint: { vi: 'Chỉ với hộ sản xuất, kinh doanh', en: 'Only for producing or trading households' },
    details: { vi: 'Sàn', en: 'Platform', options: [opt('voso', 'Vỏ Sò', 'Vỏ Sò'), opt('postmart', 'Postmart', 'Postmart'), OTHER] },
  },
  {
    key: 'health_book', vi: 'Sổ sức khỏe điện tử', en: 'Electronic health book', scope: 'person', since: 1,
    hint: { vi: 'Tra cứu tiêm chủng, lịch sử khám chữa bệnh', en: 'Vaccinations and medical history' },
  },
  {
    key: 'useful_apps', vi: 'Ứng dụng hữu ích khác', en: 'Other useful apps', scope: 'household', since: 1,
    details: { vi: 'Ứng dụng', en: 'Apps', options: [opt('weather', 'Thời tiết', 'Weather'), opt('smart_farming', 'Nông nghiệp thông minh', 'Smart farming'), OTHER] },
  },
  { key: 'fraud_safety', vi: 'An toàn thông tin, phòng chống lừa đảo trực tuyến', en: 'Online safety and fraud prevention', scope: 'household', since: 1 },
];

/** catalogue version → its items. Add a version by copying the previous list and appending items. */
export const CATALOGUES: Record<number, readonly CatalogueItem[]> = { 1: ITEMS_V1 };
export const CURRENT_CATALOGUE_VERSION = 1;

/** All item keys across every version (the server accepts any of them; old visits keep rendering). */
const ALL_ITEMS = new Map<string, CatalogueItem>();
for (const version of Object.keys(CATALOGUES).map(Number).sort((a, b) => a - b)) {
  for (const item of CATALOGUES[version]!) if (!ALL_ITEMS.has(item.key)) ALL_ITEMS.set(item.key, item);
}

export function catalogue(version: number = CURRENT_CATALOGUE_VERSION): readonly CatalogueItem[] {
  return CATALOGUES[version] ?? CATALOGUES[CURRENT_CATALOGUE_VERSION]!;
}

/** Look an item up by key in any version; unknown keys (from a newer app) return undefined and render as the raw key. */
export function catalogueItem(key: string): CatalogueItem | undefined {
  return ALL_ITEMS.get(key);
}

export const ITEM_KEYS: readonly string[] = [...ALL_ITEMS.keys()];
