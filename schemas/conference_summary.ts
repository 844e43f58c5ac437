import { z } from "zod";
import { bool, dateTime, int, links, record, str, strList } from "./_common.ts";

/**
 * A Conference Summary (Voice Insights v1): `GET https://insights.twilio.com/v1/Conferences`.
 * Twilio keeps it after the conference ends, unlike the 2010 API's live Participants list.
 */
export const ConferenceSummary = z.object({
  conference_sid: str(),
  account_sid: str(),
  friendly_name: str(),
  create_time: dateTime(),
  start_time: dateTime(),
  end_time: dateTime(),
  duration_seconds: int(),
  connect_duration_seconds: int(),
  status: str(),
  max_participants: int(),
  max_concurrent_participants: int(),
  unique_participants: int(),
  end_reason: str(),
  ended_by: str(),
  mixer_region: str(),
  mixer_region_requested: str(),
  recording_enabled: bool(),
  detected_issues: record(),
  tags: strList(),
  tag_info: record(),
  processing_state: str(),
  url: str(),
  links: links("conference_participants"),
}).loose();

/** A ConferenceSummary record. */
export type ConferenceSummary = z.infer<typeof ConferenceSummary>;
