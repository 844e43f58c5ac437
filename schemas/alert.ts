import { z } from "zod";
import { dateTime, str } from "./_common.ts";

/** An Alert (Monitor v1): `GET https://monitor.twilio.com/v1/Alerts`. */
export const Alert = z.object({
  account_sid: str(),
  alert_text: str(),
  api_version: str(),
  date_created: dateTime(),
  date_generated: dateTime(),
  date_updated: dateTime(),
  error_code: str(),
  log_level: str(),
  more_info: str(),
  request_method: str(),
  request_url: str(),
  resource_sid: str(),
  service_sid: str(),
  sid: str(),
  url: str(),
}).loose();

/** An Alert record. */
export type Alert = z.infer<typeof Alert>;
