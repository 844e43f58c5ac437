/**
 * The fields Twilio's phone-number resources share (incoming numbers and the
 * numbers that depend on an address are the same resource seen two ways).
 *
 * @module
 */
import { bool, capabilities, dateTime, str } from "./_common.ts";

/** Shared shape of `IncomingPhoneNumber` and `DependentPhoneNumber`. */
export const PHONE_NUMBER_FIELDS = {
  sid: str(),
  account_sid: str(),
  friendly_name: str(),
  phone_number: str(),
  voice_url: str(),
  voice_method: str(),
  voice_fallback_url: str(),
  voice_fallback_method: str(),
  voice_caller_id_lookup: bool(),
  date_created: dateTime(),
  date_updated: dateTime(),
  sms_url: str(),
  sms_method: str(),
  sms_fallback_url: str(),
  sms_fallback_method: str(),
  address_requirements: str(),
  capabilities: capabilities(),
  status_callback: str(),
  status_callback_method: str(),
  api_version: str(),
  voice_application_sid: str(),
  sms_application_sid: str(),
  trunk_sid: str(),
  emergency_status: str(),
  emergency_address_sid: str(),
  uri: str(),
};
