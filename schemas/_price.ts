/**
 * The pieces Twilio's pricing resources share: a country's name and code, and a
 * price, which Twilio sends with its amounts as decimal strings (`"0.0079"`).
 * Prices are kept as sent: the spec declares them numbers but overrides the
 * type to string, and a price list is reconciled digit for digit.
 *
 * @module
 */
import { str } from "./_common.ts";

/** The fields of every pricing country resource. */
export const COUNTRY_FIELDS = {
  country: str(),
  iso_country: str(),
  price_unit: str(),
  url: str(),
};

/** One price: `base_price` and `current_price` (decimal strings) for a `number_type`. */
export const PRICE_FIELDS = {
  base_price: str(),
  current_price: str(),
  number_type: str(),
};
