import type { FormRule as Rule } from 'antd';
import { ERRORS } from '@bianmin/contracts';
import { checkPasswordStrength } from '@bianmin/domain';
import { t } from '../locale/zh-CN.ts';

/** Form rules that mirror the API's schemas, so a clerk learns a mistake before submitting. */
export const required = (label: string, select = false): Rule =>
  // `whitespace` only for text: async-validator treats any rule that names it as a string rule,
  // and would refuse the number a Select holds.
  select
    ? { required: true, message: t.common.pleaseSelect(label) }
    : { required: true, whitespace: true, message: t.common.pleaseInput(label) };

export const maxLength = (label: string, max: number): Rule => ({
  max,
  message: t.common.maxLength(label, max),
});

export const codeRule: Rule = {
  pattern: /^[A-Za-z0-9_-]+$/,
  message: t.common.codePattern,
};

/** A new record's code (center, window unit, staff number): required, up to 32 letters or digits. */
export const codeRules = (label: string): Rule[] => [
  required(label),
  maxLength(label, 32),
  codeRule,
];

/** The same strength rule as the server (domain), named with the server's message. */
export function checkPassword(value: unknown, username: string): Promise<void> {
  if (typeof value !== 'string' || value === '') return Promise.resolve();
  const result = checkPasswordStrength(value, username);
  return result.ok ? Promise.resolve() : Promise.reject(new Error(ERRORS[result.code].message));
}

export const passwordRule = (username: string): Rule => ({
  validator: (_: unknown, value: unknown) => checkPassword(value, username),
});

/** The password rule against the user name typed in the same form. */
export const passwordRuleWithUsernameField =
  (field: string): Rule =>
  ({ getFieldValue }) => ({
    validator: (_: unknown, value: unknown) => {
      const username: unknown = getFieldValue(field);
      return checkPassword(value, typeof username === 'string' ? username.trim() : '');
    },
  });

/** The confirm box must repeat the field `field`. */
export const sameAs =
  (field: string, message: string): Rule =>
  ({ getFieldValue }) => ({
    validator: (_: unknown, value: unknown) =>
      !value || value === getFieldValue(field)
        ? Promise.resolve()
        : Promise.reject(new Error(message)),
  });
