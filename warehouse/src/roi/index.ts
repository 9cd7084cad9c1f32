// Phillips ROI (Kirkpatrick L5): fully loaded costs, conservative first-year benefits, ROI %, BCR, payback.
export {
  computeRoi,
  type RoiAssumption,
  type RoiBenefitStream,
  type RoiCase,
  type RoiInput,
  type RoiIntangible,
  type RoiParameters,
  type RoiRange,
  type RoiResult,
  type RoiStreamResult,
} from './compute-roi.ts';
export { ROI_DEFAULT_ASSUMPTIONS, type RoiAssumptionDefault } from './roi-defaults.ts';
