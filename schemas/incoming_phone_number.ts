import { z } from "zod";
import { bool, links, str } from "./_common.ts";
import { PHONE_NUMBER_FIELDS } from "./_phone_number.ts";

/** An IncomingPhoneNumber (API 2010): `GET /2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json`. */
export const IncomingPhoneNumber = z.object({
  ...PHONE_NUMBER_FIELDS,
  beta: bool(),
  voice_receive_mode: str(),
  origin: str(),
  emergency_address_status: str(),
  address_sid: str(),
  identity_sid: str(),
  bundle_sid: str(),
  status: str(),
  type: str(),
  subresource_uris: links("assigned_add_ons"),
}).loose();

/** An IncomingPhoneNumber record. */
export type IncomingPhoneNumber = z.infer<typeof IncomingPhoneNumber>;
