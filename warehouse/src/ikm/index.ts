// Indeks Kepuasan Masyarakat (IKM) per PermenPANRB 14/2017: unsur, NRR, IKM and its band.

export { type IkmInput, type IkmResult, ikmFromTotals } from './ikm.ts';
export { IKM_BANDS, type IkmBand, type IkmKinerja, type IkmMutu, ikmBand } from './ikm-band.ts';
export {
  type IkmRejectedResponse,
  type IkmResponse,
  ikmFromResponses,
} from './ikm-from-responses.ts';
export { krejcieMorganSample } from './ikm-sample.ts';
export { IKM_UNSUR, IKM_UNSUR_COUNT, type IkmUnsurCode } from './ikm-unsur.ts';
