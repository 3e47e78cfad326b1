/**
 * Maritime domain core: what an MMSI and an IMO number say, and the identity history of a vessel built from
 * its AIS static reports. Pure functions, no storage or network.
 */
export {
  ALL_IDENTITY_FIELDS,
  fieldMask,
  fieldsOfMask,
  IDENTITY_FIELDS,
  type IdentityAnomaly,
  type IdentityAnomalyCode,
  type IdentityChange,
  type IdentityChangeField,
  type IdentityField,
  type IdentityState,
  type IdentityVersion,
  identityAt,
  identityChanges,
  mergeIdentity,
  validateIdentity,
} from './identity.ts';
export { isValidImo, parseImo } from './imo.ts';
export {
  allocatedMids,
  flagOfMid,
  flagOfMmsi,
  type MmsiClass,
  type MmsiFlag,
  type MmsiWarning,
  type MmsiWarningCode,
  midOf,
  mmsiClass,
  mmsiDigits,
  mmsiWarnings,
} from './mmsi.ts';
