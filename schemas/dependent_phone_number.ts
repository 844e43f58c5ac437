import { z } from "zod";
import { PHONE_NUMBER_FIELDS } from "./_phone_number.ts";

/** A DependentPhoneNumber (API 2010): `GET /2010-04-01/Accounts/{AccountSid}/Addresses/{AddressSid}/DependentPhoneNumbers.json`. */
export const DependentPhoneNumber = z.object({ ...PHONE_NUMBER_FIELDS }).loose();

/** A DependentPhoneNumber record. */
export type DependentPhoneNumber = z.infer<typeof DependentPhoneNumber>;
