/**
 * The record schemas of the 34 Twilio streams, one zod schema per Twilio resource, and the
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
import { Conference } from "./conference.ts";
import { ConferenceParticipant } from "./conference_participant.ts";
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
  Conference,
  ConferenceParticipant,
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
 * equal(Object.keys(SCHEMAS).length, 34);
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
  conference_participants: ConferenceParticipant,
  conferences: Conference,
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
