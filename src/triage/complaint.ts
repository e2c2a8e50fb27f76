/** Is the author complaining about a product or service (not merely negative)? Learned from complaints-dev. */
import { binaryFromLogit, classifyBinary, type TBinaryResult } from './binary.js';
import type { TFeatures } from './features.js';
import { complaintModel } from './models.js';

/** Complaint probability and verdict. */
export const detectComplaint = (f: TFeatures): TBinaryResult => classifyBinary(complaintModel, f);
export const complaintFromLogit = (z: number): TBinaryResult => binaryFromLogit(complaintModel, z);
