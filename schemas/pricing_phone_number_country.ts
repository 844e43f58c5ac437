import { z } from "zod";
import { arr } from "./_common.ts";
import { COUNTRY_FIELDS, PRICE_FIELDS } from "./_price.ts";

/**
 * Phone number prices of one country (Pricing v1):
 * `GET https://pricing.twilio.com/v1/PhoneNumbers/Countries/{IsoCountry}`.
 */
export const PricingPhoneNumberCountry = z.object({
  ...COUNTRY_FIELDS,
  phone_number_prices: arr(z.object(PRICE_FIELDS).loose()),
}).loose();

/** A PricingPhoneNumberCountry record. */
export type PricingPhoneNumberCountry = z.infer<typeof PricingPhoneNumberCountry>;
