import { z } from "zod";
import { str } from "./_common.ts";

/**
 * A country of a pricing list (`GET https://pricing.twilio.com/v1/Messaging/Countries`, and the
 * same for `PhoneNumbers` and v2 `Voice`): its name, code and URL, without prices. Read only to
 * find each country's own resource.
 */
export const PricingCountry = z.object({
  country: str(),
  iso_country: str(),
  url: str(),
}).loose();

/** A PricingCountry record. */
export type PricingCountry = z.infer<typeof PricingCountry>;
