import { z } from "zod";
import { dateTime, int, num, str } from "./_common.ts";

/** A Transcription (API 2010): `GET /2010-04-01/Accounts/{AccountSid}/Transcriptions.json`. */
export const Transcription = z.object({
  sid: str(),
  account_sid: str(),
  api_version: str(),
  date_created: dateTime(),
  date_updated: dateTime(),
  duration: int(),
  price: num(),
  price_unit: str(),
  recording_sid: str(),
  status: str(),
  transcription_text: str(),
  type: str(),
  uri: str(),
}).loose();

/** A Transcription record. */
export type Transcription = z.infer<typeof Transcription>;
