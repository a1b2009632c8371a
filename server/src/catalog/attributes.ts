/** User pool attribute names the service defines itself (OpenID Connect standard claims). */
export const STANDARD_ATTRIBUTES: readonly string[] = [
  'address',
  'birthdate',
  'email',
  'family_name',
  'gender',
  'given_name',
  'locale',
  'middle_name',
  'name',
  'nickname',
  'phone_number',
  'picture',
  'preferred_username',
  'profile',
  'sub',
  'updated_at',
  'website',
  'zoneinfo',
];

/** Flags the service keeps beside the contact attributes; readable by default, writable only if listed. */
export const VERIFICATION_FLAGS: readonly string[] = ['email_verified', 'phone_number_verified'];

const standard = new Set(STANDARD_ATTRIBUTES);

export function isStandardAttribute(name: string): boolean {
  return standard.has(name);
}
