/**
 * The target providers a domain can move to, and what a check needs to know about each. A leaf module:
 * provider-profiles.ts builds the profiles, expected-records.ts and the record checks only read them.
 */
const TARGET_PROVIDERS = ["m365", "google"] as const;
export type TargetProvider = (typeof TARGET_PROVIDERS)[number];

/** What a check needs to know about a target provider beyond the expected records. */
export interface TargetProfile {
  readonly provider: TargetProvider;
  readonly label: string;
  /** The SPF include the provider's outbound mail needs. */
  readonly spfInclude: string;
  /** MX hosts that are the provider's (any of them is the provider's endpoint). */
  readonly mxHost: RegExp;
  /** The start of the provider's domain verification TXT value at the apex (`MS=`, `google-site-verification=`). */
  readonly verificationPrefix: string;
  /** DKIM published as a TXT key the admin copies from the provider's console (Google), at this name. */
  readonly dkimTxt?: string;
}
