import { z } from "zod";
import { bool, links, str } from "./_common.ts";

/** An AvailablePhoneNumberCountry (API 2010): `GET /2010-04-01/Accounts/{AccountSid}/AvailablePhoneNumbers.json`. */
export const AvailablePhoneNumberCountry = z.object({
  country_code: str(),
  country: str(),
  uri: str(),
  beta: bool(),
  subresource_uris: links("local", "mobile", "toll_free"),
}).loose();

/** An AvailablePhoneNumberCountry record. */
export type AvailablePhoneNumberCountry = z.infer<typeof AvailablePhoneNumberCountry>;
