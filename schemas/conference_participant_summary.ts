import { z } from "zod";
import { bool, dateTime, int, record, str, strList } from "./_common.ts";

/**
 * A Conference Participant Summary (Voice Insights v1):
 * `GET https://insights.twilio.com/v1/Conferences/{ConferenceSid}/Participants`.
 */
export const ConferenceParticipantSummary = z.object({
  participant_sid: str(),
  label: str(),
  conference_sid: str(),
  call_sid: str(),
  account_sid: str(),
  call_direction: str(),
  from: str(),
  to: str(),
  call_status: str(),
  country_code: str(),
  is_moderator: bool(),
  join_time: dateTime(),
  leave_time: dateTime(),
  duration_seconds: int(),
  outbound_queue_length: int(),
  outbound_time_in_queue: int(),
  jitter_buffer_size: str(),
  is_coach: bool(),
  coached_participants: strList(),
  participant_region: str(),
  conference_region: str(),
  call_type: str(),
  processing_state: str(),
  properties: record(),
  events: record(),
  metrics: record(),
  url: str(),
}).loose();

/** A ConferenceParticipantSummary record. */
export type ConferenceParticipantSummary = z.infer<typeof ConferenceParticipantSummary>;
