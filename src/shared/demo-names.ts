/**
 * Word lists for the demo commune. Names are generated from these parts (family + middle + given); they are not real
 * people. Thai-ethnic family names dominate, as in the upland communes of Nghệ An and Thanh Hóa, with some Kinh names.
 */
export const DEMO_HAMLET_NAMES = [
  'Bản Na Mèo', 'Bản Xía Nọi', 'Bản Na Khà', 'Bản Pha Lống', 'Bản Hạ Sơn', 'Bản Khe Chai',
  'Bản Huồi Pục', 'Bản Cha Lúm', 'Bản Na Nhãn', 'Bản Phà Lõm', 'Bản Xốp Pu', 'Bản Mường Pơn',
  'Bản Na Bè', 'Bản Chăm Puông', 'Bản Tạ Sỏi', 'Bản Bãi Gạo', 'Bản Pùng Pủng', 'Bản Huồi Mứn',
] as const;

/** Former names kept for a few hamlets (hamlets were merged and renamed in 2019 and 2025). */
export const DEMO_FORMER_NAMES: Record<string, string[]> = {
  'Bản Hạ Sơn': ['Bản Hạ', 'Bản Sơn Hà'],
  'Bản Bãi Gạo': ['Bản Bãi Gạo Trong'],
  'Bản Mường Pơn': ['Bản Pơn'],
};

export const FAMILY_NAMES = [
  'Lò', 'Lương', 'Vi', 'Lữ', 'Hà', 'Lang', 'Ngân', 'Kha', 'Quang', 'Vang', 'Cầm', 'Mạc',
  'Nguyễn', 'Lê', 'Trần', 'Phạm', 'Hoàng', 'Đinh', 'Võ', 'Đặng',
] as const;

export const MALE_MIDDLE = ['Văn', 'Văn', 'Văn', 'Đình', 'Minh', 'Đức', 'Quang'] as const;
export const FEMALE_MIDDLE = ['Thị', 'Thị', 'Thị', 'Thị', 'Ngọc', 'Thu'] as const;

export const MALE_GIVEN = [
  'Pọm', 'Xăm', 'Phăn', 'Thông', 'Hùng', 'Dũng', 'Tuấn', 'Minh', 'Khánh', 'Bình', 'Chung', 'Sơn', 'Hải', 'Long',
  'Nam', 'Quân', 'Thắng', 'Tài', 'Ún', 'Piếng', 'Xuân', 'Cường', 'Đức', 'Hiếu', 'Lâm', 'Phong', 'Tiến', 'Vinh',
] as const;

export const FEMALE_GIVEN = [
  'Mai', 'Lan', 'Hoa', 'Hương', 'Thảo', 'Nga', 'Ban', 'Bua', 'Mỷ', 'Hằng', 'Hiền', 'Linh', 'Trang', 'Vân', 'Yến',
  'Phương', 'Xoan', 'Pặng', 'Ánh', 'Dung', 'Hạnh', 'Loan', 'Nhung', 'Oanh', 'Thủy', 'Tuyết', 'Uyên', 'Liên',
] as const;

export const ALLEY_HINTS = [
  'Gần nhà văn hóa bản', 'Cạnh suối', 'Đường lên nương', 'Gần trường tiểu học', 'Đầu cầu treo', 'Cuối bản',
  'Gần trạm y tế', 'Dốc đá', 'Sau chợ phiên', '',
] as const;

export const VISIT_NOTES = [
  '', '', '', 'Bà con nhiệt tình, hẹn lần sau hướng dẫn thêm.', 'Điện thoại hết dung lượng, cần dọn bớt.',
  'Sóng điện thoại yếu, hướng dẫn tại nhà văn hóa.', 'Con cháu đi làm xa, chỉ có người già ở nhà.',
  'Đã nhắc cảnh giác với cuộc gọi giả danh công an.', 'Chưa có CCCD gắn chip, hẹn đi làm cùng Công an xã.',
] as const;

export const HOUSEHOLD_NOTES = ['', '', '', '', 'Nhà sàn, đi vào buổi tối mới gặp người', 'Có người khuyết tật', 'Hộ mới tách'] as const;
