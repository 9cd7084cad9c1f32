export { cellText, excelDateText, numberText } from './cell-text.ts';
export { columnGuide, type GuideRow } from './column-guide.ts';
export { type Delimiter, detectDelimiter } from './detect-delimiter.ts';
export {
  type DetectedEncoding,
  type DropEncoding,
  detectEncoding,
  detectFileEncoding,
  encodingNote,
  type NotUtf8,
  sniffBom,
} from './detect-encoding.ts';
export { tableFromFileName, tableFromName, UnknownTableError } from './infer-table.ts';
export { DEFAULT_SOURCE_TIME_ZONE, isTimeZone, withZone } from './local-time.ts';
export { type HeaderMap, matchHeader, OPTIONAL_IN_DROPS } from './match-header.ts';
export { publishTemplates, TEMPLATES_DIR, type TemplateIndex } from './publish-templates.ts';
export { DEFAULT_BATCH_SIZE, decodeInput, type ReadCsvOptions, readCsvBatches } from './read-csv.ts';
export { type ReadDropOptions, readDrop, readDropBatches, UnsupportedDropError } from './read-drop.ts';
export { INSTRUCTIONS_SHEET, type ReadXlsxOptions, readXlsx } from './read-xlsx.ts';
export { type CsvRecord, scanCsv } from './scan-csv.ts';
export {
  type TemplateFormat,
  templateBuffer,
  templateColumns,
  writeAllTemplates,
  writeTemplate,
} from './template.ts';
