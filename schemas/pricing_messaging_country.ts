import { z } from "zod";
import { arr, str } from "./_common.ts";
import { COUNTRY_FIELDS, PRICE_FIELDS } from "./_price.ts";

/**
 * Messaging prices of one country (Pricing v1):
 * `GET https://pricing.twilio.com/v1/Messaging/Countries/{IsoCountry}`.
 */
export const PricingMessagingCountry = z.object({
  ...COUNTRY_FIELDS,
  outbound_sms_prices: arr(
    z.object({
      carrier: str(),
      mcc: str(),
      mnc: str(),
      prices: arr(z.object(PRICE_FIELDS).loose()),
    }).loose(),
  ),
  inbound_sms_prices: arr(z.object(PRICE_FIELDS).loose()),
}).loose();

/** A PricingMessagingCountry record. */
export type PricingMessagingCountry = z.infer<typeof PricingMessagingCountry>;
