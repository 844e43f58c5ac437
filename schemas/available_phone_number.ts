import { z } from "zod";
import { bool, capabilities, str } from "./_common.ts";

/** An AvailablePhoneNumber (API 2010): `GET /2010-04-01/Accounts/{AccountSid}/AvailablePhoneNumbers/{CountryCode}/{Local,Mobile,TollFree}.json`. */
export const AvailablePhoneNumber = z.object({
  friendly_name: str(),
  phone_number: str(),
  lata: str(),
  rate_center: str(),
  latitude: str(),
  longitude: str(),
  locality: str(),
  region: str(),
  postal_code: str(),
  iso_country: str(),
  address_requirements: str(),
  beta: bool(),
  capabilities: capabilities(),
}).loose();

/** An AvailablePhoneNumber record (local, mobile and toll-free numbers share it). */
export type AvailablePhoneNumber = z.infer<typeof AvailablePhoneNumber>;
