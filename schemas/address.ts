import { z } from "zod";
import { bool, dateTime, str } from "./_common.ts";

/** An Address (API 2010): `GET /2010-04-01/Accounts/{AccountSid}/Addresses.json`. */
export const Address = z.object({
  account_sid: str(),
  city: str(),
  customer_name: str(),
  date_created: dateTime(),
  date_updated: dateTime(),
  emergency_enabled: bool(),
  friendly_name: str(),
  iso_country: str(),
  postal_code: str(),
  region: str(),
  sid: str(),
  street: str(),
  street_secondary: str(),
  validated: bool(),
  verified: bool(),
  uri: str(),
}).loose();

/** An Address record. */
export type Address = z.infer<typeof Address>;
