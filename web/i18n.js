// The workspace's words in Vietnamese (the default) and English. The choice is kept in
// localStorage so that it survives a reload; every page reads its labels through t().

const words = {
  vi: {
    'app.title': 'Hóa đơn',
    'nav.dashboard': 'Tổng quan', 'nav.upload': 'Tải lên', 'nav.invoices': 'Hóa đơn', 'nav.review': 'Cần kiểm tra', 'nav.chat': 'Hỏi đáp',
    'lang.other': 'English', 'lang.otherTitle': 'Switch to English',
    'live.on': 'Trực tiếp', 'live.off': 'Mất kết nối, đang thử lại…',
    'status.queued': 'Đang chờ', 'status.processing': 'Đang xử lý', 'status.done': 'Hoàn tất', 'status.failed': 'Lỗi',
    'status.duplicate': 'Trùng lặp', 'status.uploading': 'Đang tải lên', 'status.retrying': 'Sẽ thử lại',
    'dash.jobs': 'Công việc', 'dash.invoices': 'Hóa đơn đã đọc', 'dash.review': 'Cần kiểm tra', 'dash.workers': 'Luồng đang bận',
    'dash.throughput': 'Tốc độ', 'dash.perMinute': '{n} /phút (5 phút)', 'dash.perHour': '{n} /phút (60 phút)',
    'dash.oldest': 'Chờ lâu nhất', 'dash.none': 'không có', 'dash.failures': 'Lỗi gần đây', 'dash.noFailures': 'Không có lỗi nào.',
    'dash.retry': 'Thử lại', 'dash.retried': 'Đã đưa lại vào hàng đợi', 'dash.activity': 'Hoạt động gần đây',
    'dash.noActivity': 'Chưa có gì từ khi mở trang.', 'dash.openReview': 'Mở danh sách',
    'upload.title': 'Tải hóa đơn lên', 'upload.drop': 'Kéo thả các tệp hóa đơn vào đây (ảnh PNG, JPEG, TIFF, PDF hoặc XML hóa đơn điện tử)',
    'upload.choose': 'Chọn tệp…', 'upload.none': 'Chưa có tệp nào được tải lên trong phiên này.',
    'upload.open': 'Xem hóa đơn #{id}', 'upload.duplicateOf': 'đã có từ trước', 'upload.file': 'Tệp', 'upload.state': 'Trạng thái',
    'inv.title': 'Hóa đơn', 'inv.search': 'Tìm trong hóa đơn (tên, mã số thuế, nội dung)…', 'inv.searchButton': 'Tìm',
    'inv.type': 'Loại', 'inv.anyType': 'Mọi loại', 'inv.seller': 'Người bán', 'inv.from': 'Từ ngày', 'inv.to': 'Đến ngày',
    'inv.minTotal': 'Tổng từ', 'inv.maxTotal': 'Tổng đến', 'inv.needsReview': 'Chỉ hóa đơn cần kiểm tra', 'inv.apply': 'Lọc',
    'inv.clear': 'Xóa bộ lọc', 'inv.export': 'Xuất CSV', 'inv.next': 'Trang sau →', 'inv.prev': '← Trang trước',
    'inv.sumsCount': '{n} hóa đơn', 'inv.sumTotal': 'Tổng', 'inv.sumVat': 'thuế GTGT', 'inv.empty': 'Không có hóa đơn nào khớp.', 'inv.searchResults': 'Kết quả tìm “{q}”', 'inv.backToList': 'Về danh sách',
    'col.id': 'Số', 'col.date': 'Ngày', 'col.seller': 'Người bán', 'col.type': 'Loại', 'col.total': 'Tổng tiền',
    'col.score': 'Tin cậy', 'col.review': 'Kiểm tra', 'col.file': 'Tệp', 'col.match': 'Đoạn khớp',
    'one.title': 'Hóa đơn #{id}', 'one.fields': 'Thông tin', 'one.checks': 'Kiểm tra tự động', 'one.text': 'Văn bản OCR',
    'one.job': 'Công việc đọc', 'one.history': 'Lịch sử sửa', 'one.noHistory': 'Chưa ai sửa hóa đơn này.',
    'one.edit': 'Sửa', 'one.save': 'Lưu', 'one.cancel': 'Hủy', 'one.confirm': 'Xác nhận đúng', 'one.confirmed': 'Đã xác nhận',
    'one.needsReview': 'Cần kiểm tra', 'one.ok': 'Đã ổn', 'one.notFound': 'Không có hóa đơn #{id}.',
    'one.saved': 'Đã lưu.', 'one.warning': 'Lưu ý: {w}', 'one.repairs': 'Đã sửa lỗi OCR', 'one.warnings': 'Cảnh báo',
    'one.checkPassed': 'đúng', 'one.checkFailed': 'sai', 'one.checkNotMade': 'không kiểm được', 'one.chatAbout': 'Hỏi về hóa đơn này',
    'one.noImage': 'Không còn bản gốc.', 'one.byPerson': 'người sửa', 'one.original': 'Bản gốc',
    'one.page': 'Trang {n} của bản gốc', 'one.pageMissing': 'Không hiển thị được trang {n} của bản gốc.',
    'field.invoice_type': 'Loại hóa đơn', 'field.invoice_series': 'Ký hiệu', 'field.invoice_number': 'Số hóa đơn',
    'field.invoice_code': 'Mã hóa đơn', 'field.invoice_date': 'Ngày hóa đơn', 'field.seller_name': 'Người bán',
    'field.seller_tax_code': 'MST người bán', 'field.buyer_name': 'Người mua', 'field.buyer_tax_code': 'MST người mua',
    'field.subtotal': 'Tiền trước thuế', 'field.vat_rate': 'Thuế suất GTGT (%)', 'field.vat_amount': 'Tiền thuế GTGT',
    'field.total_amount': 'Tổng thanh toán', 'field.currency': 'Tiền tệ', 'field.amount_in_words': 'Số tiền bằng chữ',
    'field.confidence_score': 'Độ tin cậy', 'field.needs_review': 'Cần kiểm tra',
    'check.sum_matches': 'Tiền trước thuế + thuế = tổng', 'check.vat_rate_matches': 'Tiền thuế khớp thuế suất',
    'check.words_match_total': 'Số tiền bằng chữ khớp tổng', 'check.items_sum_matches': 'Các dòng hàng cộng đúng',
    'check.cash_change_matches': 'Tiền khách đưa − tiền thối = tổng', 'check.seller_tax_code_valid': 'MST người bán hợp lệ',
    'check.buyer_tax_code_valid': 'MST người mua hợp lệ', 'check.series_format_valid': 'Ký hiệu đúng mẫu',
    'check.seller_from_supplier_profile': 'Người bán lấy từ hồ sơ nhà cung cấp',
    'job.filename': 'Tên tệp', 'job.status': 'Trạng thái', 'job.attempts': 'Số lần đọc', 'job.uploader': 'Người gửi',
    'job.created_at': 'Nhận lúc', 'job.completed_at': 'Xong lúc', 'job.pages': 'Số trang', 'job.sha256': 'SHA-256',
    'job.error_message': 'Lý do lỗi', 'job.progress': 'Tiến độ',
    'job.history': 'Diễn biến', 'job.received': 'Nhận tệp', 'job.attempt': 'lần đọc {n}',
    'type.general': 'Hàng hóa', 'type.electricity': 'Tiền điện', 'type.water': 'Tiền nước', 'type.telecom': 'Viễn thông',
    'type.service': 'Dịch vụ', 'type.retail': 'Bán lẻ',
    'review.title': 'Hóa đơn cần kiểm tra', 'review.empty': 'Không còn hóa đơn nào cần kiểm tra.',
    'review.position': '{i} / {n}', 'review.more': '{i} / {n}+', 'review.confirmNext': 'Xác nhận và sang tiếp',
    'review.skip': 'Bỏ qua', 'review.back': 'Quay lại',
    'review.keys': 'Phím tắt: Enter = xác nhận và sang tiếp · J hoặc → = bỏ qua · K hoặc ← = quay lại · E = sửa người bán',
    'chat.title': 'Hỏi về hóa đơn', 'chat.placeholder': 'Ví dụ: tổng tiền điện tháng 10 là bao nhiêu?', 'chat.send': 'Gửi',
    'chat.clear': 'Xóa lịch sử trò chuyện', 'chat.cleared': 'Đã xóa lịch sử ({n} tin).', 'chat.you': 'Bạn', 'chat.bot': 'Trợ lý',
    'chat.lookup': 'đang tra cứu: {tool}', 'chat.about': 'Về hóa đơn #{id}', 'chat.empty': 'Hãy đặt câu hỏi về các hóa đơn đã đọc.',
    'err.generic': 'Lỗi: {m}', 'err.network': 'Không kết nối được tới máy chủ.', 'loading': 'Đang tải…', 'yes': 'Có', 'no': 'Không',
    'ago.s': '{n} giây', 'ago.m': '{n} phút', 'ago.h': '{n} giờ', 'ago.d': '{n} ngày',
  },
  en: {
    'app.title': 'Invoices',
    'nav.dashboard': 'Dashboard', 'nav.upload': 'Upload', 'nav.invoices': 'Invoices', 'nav.review': 'Review', 'nav.chat': 'Chat',
    'lang.other': 'Tiếng Việt', 'lang.otherTitle': 'Chuyển sang tiếng Việt',
    'live.on': 'Live', 'live.off': 'Disconnected, retrying…',
    'status.queued': 'Queued', 'status.processing': 'Processing', 'status.done': 'Done', 'status.failed': 'Failed',
    'status.duplicate': 'Duplicate', 'status.uploading': 'Uploading', 'status.retrying': 'Will retry',
    'dash.jobs': 'Jobs', 'dash.invoices': 'Invoices read', 'dash.review': 'Need review', 'dash.workers': 'Workers busy',
    'dash.throughput': 'Throughput', 'dash.perMinute': '{n} /min (5 min)', 'dash.perHour': '{n} /min (60 min)',
    'dash.oldest': 'Oldest queued', 'dash.none': 'none', 'dash.failures': 'Recent failures', 'dash.noFailures': 'No failures.',
    'dash.retry': 'Retry', 'dash.retried': 'Queued again', 'dash.activity': 'Recent activity',
    'dash.noActivity': 'Nothing since this page was opened.', 'dash.openReview': 'Open the queue',
    'upload.title': 'Upload invoices', 'upload.drop': 'Drop invoice files here (PNG, JPEG, TIFF, PDF or e-invoice XML)',
    'upload.choose': 'Choose files…', 'upload.none': 'No file uploaded in this session yet.',
    'upload.open': 'Open invoice #{id}', 'upload.duplicateOf': 'seen before', 'upload.file': 'File', 'upload.state': 'State',
    'inv.title': 'Invoices', 'inv.search': 'Search the invoices (names, tax codes, text)…', 'inv.searchButton': 'Search',
    'inv.type': 'Type', 'inv.anyType': 'Any type', 'inv.seller': 'Seller', 'inv.from': 'From', 'inv.to': 'To',
    'inv.minTotal': 'Total from', 'inv.maxTotal': 'Total to', 'inv.needsReview': 'Only invoices needing review', 'inv.apply': 'Filter',
    'inv.clear': 'Clear filters', 'inv.export': 'Export CSV', 'inv.next': 'Next page →', 'inv.prev': '← Previous page',
    'inv.sumsCount': '{n} invoices', 'inv.sumTotal': 'Total', 'inv.sumVat': 'VAT', 'inv.empty': 'No invoice matches.', 'inv.searchResults': 'Results for “{q}”', 'inv.backToList': 'Back to the list',
    'col.id': 'No.', 'col.date': 'Date', 'col.seller': 'Seller', 'col.type': 'Type', 'col.total': 'Total',
    'col.score': 'Confidence', 'col.review': 'Review', 'col.file': 'File', 'col.match': 'Match',
    'one.title': 'Invoice #{id}', 'one.fields': 'Fields', 'one.checks': 'Automatic checks', 'one.text': 'OCR text',
    'one.job': 'Reading job', 'one.history': 'Edit history', 'one.noHistory': 'Nobody has edited this invoice.',
    'one.edit': 'Edit', 'one.save': 'Save', 'one.cancel': 'Cancel', 'one.confirm': 'Confirm correct', 'one.confirmed': 'Confirmed',
    'one.needsReview': 'Needs review', 'one.ok': 'Fine', 'one.notFound': 'There is no invoice #{id}.',
    'one.saved': 'Saved.', 'one.warning': 'Note: {w}', 'one.repairs': 'OCR errors repaired', 'one.warnings': 'Warnings',
    'one.checkPassed': 'passed', 'one.checkFailed': 'failed', 'one.checkNotMade': 'not checked', 'one.chatAbout': 'Ask about this invoice',
    'one.noImage': 'The original is gone.', 'one.byPerson': 'by a person', 'one.original': 'Original',
    'one.page': 'Page {n} of the original', 'one.pageMissing': 'Page {n} of the original cannot be shown.',
    'field.invoice_type': 'Invoice type', 'field.invoice_series': 'Series', 'field.invoice_number': 'Number',
    'field.invoice_code': 'Code', 'field.invoice_date': 'Date', 'field.seller_name': 'Seller',
    'field.seller_tax_code': 'Seller tax code', 'field.buyer_name': 'Buyer', 'field.buyer_tax_code': 'Buyer tax code',
    'field.subtotal': 'Subtotal', 'field.vat_rate': 'VAT rate (%)', 'field.vat_amount': 'VAT amount',
    'field.total_amount': 'Total', 'field.currency': 'Currency', 'field.amount_in_words': 'Amount in words',
    'field.confidence_score': 'Confidence', 'field.needs_review': 'Needs review',
    'check.sum_matches': 'Subtotal + VAT = total', 'check.vat_rate_matches': 'VAT amount matches the rate',
    'check.words_match_total': 'Amount in words matches the total', 'check.items_sum_matches': 'Item lines add up',
    'check.cash_change_matches': 'Cash given − change = total', 'check.seller_tax_code_valid': 'Seller tax code valid',
    'check.buyer_tax_code_valid': 'Buyer tax code valid', 'check.series_format_valid': 'Series has the legal shape',
    'check.seller_from_supplier_profile': 'Seller from supplier profile',
    'job.filename': 'File name', 'job.status': 'Status', 'job.attempts': 'Attempts', 'job.uploader': 'Uploader',
    'job.created_at': 'Received', 'job.completed_at': 'Finished', 'job.pages': 'Pages', 'job.sha256': 'SHA-256',
    'job.error_message': 'Failure reason', 'job.progress': 'Progress',
    'job.history': 'History', 'job.received': 'File received', 'job.attempt': 'attempt {n}',
    'type.general': 'Goods', 'type.electricity': 'Electricity', 'type.water': 'Water', 'type.telecom': 'Telecom',
    'type.service': 'Service', 'type.retail': 'Retail',
    'review.title': 'Invoices to review', 'review.empty': 'No invoice needs review.',
    'review.position': '{i} / {n}', 'review.more': '{i} / {n}+', 'review.confirmNext': 'Confirm and next',
    'review.skip': 'Skip', 'review.back': 'Back',
    'review.keys': 'Keys: Enter = confirm and next · J or → = skip · K or ← = back · E = edit the seller',
    'chat.title': 'Ask about the invoices', 'chat.placeholder': 'For example: what did electricity cost in October?', 'chat.send': 'Send',
    'chat.clear': 'Clear chat history', 'chat.cleared': 'History cleared ({n} messages).', 'chat.you': 'You', 'chat.bot': 'Assistant',
    'chat.lookup': 'looking up: {tool}', 'chat.about': 'About invoice #{id}', 'chat.empty': 'Ask a question about the invoices read.',
    'err.generic': 'Error: {m}', 'err.network': 'Cannot reach the server.', 'loading': 'Loading…', 'yes': 'Yes', 'no': 'No',
    'ago.s': '{n} s', 'ago.m': '{n} min', 'ago.h': '{n} h', 'ago.d': '{n} days',
  },
};

const storageKey = 'invoiced.lang';

/** The language in use: what the user chose last, else Vietnamese. */
export function language() {
  const stored = localStorage.getItem(storageKey);
  return stored === 'en' ? 'en' : 'vi';
}

/** Remembers `lang` ('vi' or 'en') for the next visits. */
export function setLanguage(lang) {
  localStorage.setItem(storageKey, lang === 'en' ? 'en' : 'vi');
  document.documentElement.lang = language();
}

/** The phrase for `key` in the current language, `{name}` replaced by `values[name]`. */
export function t(key, values = {}) {
  const phrase = words[language()][key] ?? words.vi[key] ?? key;
  return phrase.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}

/** Whether a phrase exists for `key` (field and type names the daemon may add later do not). */
export function has(key) {
  return key in words[language()];
}
