/**
 * The record schemas of the 40 Twilio streams, one zod schema per Twilio resource, and the
 * `SCHEMAS` map from catalog stream name to schema. Shared pieces live in `_common.ts`.
 *
 * @module
 */

import type { z } from "zod";
import { Account } from "./account.ts";
import { Address } from "./address.ts";
import { Alert } from "./alert.ts";
import { Application } from "./application.ts";
import { AvailablePhoneNumber } from "./available_phone_number.ts";
import { AvailablePhoneNumberCountry } from "./available_phone_number_country.ts";
import { Call } from "./call.ts";
import { CallSummary } from "./call_summary.ts";
import { Conference } from "./conference.ts";
import { ConferenceParticipant } from "./conference_participant.ts";
import { ConferenceParticipantSummary } from "./conference_participant_summary.ts";
import { ConferenceSummary } from "./conference_summary.ts";
import { Conversation } from "./conversation.ts";
import { ConversationMessage } from "./conversation_message.ts";
import { ConversationParticipant } from "./conversation_participant.ts";
import { ConversationService } from "./conversation_service.ts";
import { DependentPhoneNumber } from "./dependent_phone_number.ts";
import { Execution } from "./execution.ts";
import { Flow } from "./flow.ts";
import { IncomingPhoneNumber } from "./incoming_phone_number.ts";
import { Key } from "./key.ts";
import { Message } from "./message.ts";
import { MessageMedia } from "./message_media.ts";
import { OutgoingCallerId } from "./outgoing_caller_id.ts";
import { PricingCountry } from "./pricing_country.ts";
import { PricingMessagingCountry } from "./pricing_messaging_country.ts";
import { PricingPhoneNumberCountry } from "./pricing_phone_number_country.ts";
import { PricingVoiceCountry } from "./pricing_voice_country.ts";
import { Queue } from "./queue.ts";
import { Recording } from "./recording.ts";
import { Role } from "./role.ts";
import { Step } from "./step.ts";
import { Transcription } from "./transcription.ts";
import { Trunk } from "./trunk.ts";
import { UsageRecord } from "./usage_record.ts";
import { UsageTrigger } from "./usage_trigger.ts";
import { User } from "./user.ts";
import { UserConversation } from "./user_conversation.ts";
import { VerifyService } from "./verify_service.ts";

export {
  Account,
  Address,
  Alert,
  Application,
  AvailablePhoneNumber,
  AvailablePhoneNumberCountry,
  Call,
  CallSummary,
  Conference,
  ConferenceParticipant,
  ConferenceParticipantSummary,
  ConferenceSummary,
  Conversation,
  ConversationMessage,
  ConversationParticipant,
  ConversationService,
  DependentPhoneNumber,
  Execution,
  Flow,
  IncomingPhoneNumber,
  Key,
  Message,
  MessageMedia,
  OutgoingCallerId,
  PricingCountry,
  PricingMessagingCountry,
  PricingPhoneNumberCountry,
  PricingVoiceCountry,
  Queue,
  Recording,
  Role,
  Step,
  Transcription,
  Trunk,
  UsageRecord,
  UsageTrigger,
  User,
  UserConversation,
  VerifyService,
};
export {
  arr,
  bool,
  capabilities,
  date,
  dateTime,
  type Field,
  field,
  formatOf,
  int,
  isoToRfc2822,
  links,
  num,
  obj,
  record,
  rfc2822ToIso,
  secret,
  str,
  strList,
  toJsonSchema,
} from "./_common.ts";

/**
 * The record schema of every catalog stream, keyed by stream name.
 *
 * @example
 * ```ts
 * import { equal } from "node:assert/strict";
 * import { SCHEMAS } from "./mod.ts";
 * equal(Object.keys(SCHEMAS).length, 40);
 * equal(SCHEMAS.available_phone_numbers_local, SCHEMAS.available_phone_numbers_toll_free);
 * ```
 */
export const SCHEMAS = {
  accounts: Account,
  addresses: Address,
  alerts: Alert,
  applications: Application,
  available_phone_number_countries: AvailablePhoneNumberCountry,
  available_phone_numbers_local: AvailablePhoneNumber,
  available_phone_numbers_mobile: AvailablePhoneNumber,
  available_phone_numbers_toll_free: AvailablePhoneNumber,
  calls: Call,
  call_summaries: CallSummary,
  conference_participants: ConferenceParticipant,
  conferences: Conference,
  conference_participant_summaries: ConferenceParticipantSummary,
  conference_summaries: ConferenceSummary,
  conversations: Conversation,
  conversation_messages: ConversationMessage,
  conversation_participants: ConversationParticipant,
  dependent_phone_numbers: DependentPhoneNumber,
  executions: Execution,
  incoming_phone_numbers: IncomingPhoneNumber,
  flows: Flow,
  keys: Key,
  message_media: MessageMedia,
  messages: Message,
  outgoing_caller_ids: OutgoingCallerId,
  pricing_messaging_countries: PricingMessagingCountry,
  pricing_phone_number_countries: PricingPhoneNumberCountry,
  pricing_voice_countries: PricingVoiceCountry,
  queues: Queue,
  recordings: Recording,
  services: ConversationService,
  step: Step,
  roles: Role,
  transcriptions: Transcription,
  trunks: Trunk,
  usage_records: UsageRecord,
  usage_triggers: UsageTrigger,
  users: User,
  user_conversations: UserConversation,
  verify_services: VerifyService,
} as const satisfies Record<string, z.ZodObject>;

/** The name of a catalog stream that has a record schema. */
export type StreamName = keyof typeof SCHEMAS;
