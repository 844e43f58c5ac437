import { z } from "zod";
import { bool, dateTime, int, str } from "./_common.ts";

/** A conference Participant (API 2010): `GET /2010-04-01/Accounts/{AccountSid}/Conferences/{ConferenceSid}/Participants.json`. */
export const ConferenceParticipant = z.object({
  account_sid: str(),
  call_sid: str(),
  label: str(),
  conference_sid: str(),
  date_created: dateTime(),
  date_updated: dateTime(),
  end_conference_on_exit: bool(),
  muted: bool(),
  hold: bool(),
  status: str(),
  start_conference_on_enter: bool(),
  coaching: bool(),
  call_sid_to_coach: str(),
  queue_time: int(),
  uri: str(),
}).loose();

/** A ConferenceParticipant record. */
export type ConferenceParticipant = z.infer<typeof ConferenceParticipant>;
