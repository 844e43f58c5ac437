import { z } from "zod";
import { arr, str, strList } from "./_common.ts";
import { COUNTRY_FIELDS, PRICE_FIELDS } from "./_price.ts";

/**
 * Voice prices of one country (Pricing v2):
 * `GET https://pricing.twilio.com/v2/Voice/Countries/{IsoCountry}`.
 */
export const PricingVoiceCountry = z.object({
  ...COUNTRY_FIELDS,
  outbound_prefix_prices: arr(
    z.object({
      origination_prefixes: strList(),
      destination_prefixes: strList(),
      base_price: str(),
      current_price: str(),
      friendly_name: str(),
    }).loose(),
  ),
  inbound_call_prices: arr(z.object(PRICE_FIELDS).loose()),
}).loose();

/** A PricingVoiceCountry record. */
export type PricingVoiceCountry = z.infer<typeof PricingVoiceCountry>;
