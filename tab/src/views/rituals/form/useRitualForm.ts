import { useEffect, useMemo, useRef, useState } from 'react';
import type { RitualInput } from '../../../api/contract';
import { checkRitualForm, FIELD_ORDER, fieldKeyOf, isShown, type FieldKey } from './ritualFormValidation';
import { kindDefaults, ruleOf, suggestedFirstDate, weekdayOf, type RitualFormFields } from './ritualFormFields';

/** Which messages an edit of each input brings out. */
const TOUCHES: Record<keyof RitualFormFields, FieldKey[]> = {
  kind: ['kind'],
  title: ['title'],
  description: ['description'],
  hosts: ['hosts'],
  featuredExpert: ['featuredExpert'],
  meetingUrl: ['meetingUrl'],
  firstDate: ['schedule.firstStart'],
  firstTime: ['firstTime', 'schedule.firstStart'],
  timeZone: ['schedule.timeZone'],
  every: ['schedule.rule'],
  weekday: ['schedule.rule'],
  nth: ['schedule.rule'],
  customRule: ['schedule.rule'],
  durationMinutes: ['schedule.durationMinutes'],
  reminderOffsets: ['reminderOffsets'],
  slots: ['slots'],
  until: ['schedule.until'],
};

/**
 * The ritual form's state, checked on every change. A field's message shows once it was
 * changed or Save was pressed; the service's messages (from a 400) show until the field
 * changes. Save focuses the first field with a message.
 */
export function useRitualForm(
  initial: RitualFormFields,
  serverErrors: Record<string, string>,
  /** Whether picking a kind fills in its defaults: for a new ritual, not over a saved schedule. */
  prefillFromKind: boolean,
) {
  const [fields, setFields] = useState(initial);
  const [touched, setTouched] = useState<Set<FieldKey>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<Partial<Record<FieldKey, string>>>({});
  const [otherServerErrors, setOtherServerErrors] = useState<string[]>([]);
  const formRef = useRef<HTMLFormElement>(null);
  const dateChosen = useRef(false);

  const check = useMemo(() => checkRitualForm(fields, new Date()), [fields]);

  const focusField = (key: FieldKey) => formRef.current?.querySelector<HTMLElement>(`[data-field="${key}"]`)?.focus();

  useEffect(() => {
    const mapped: Partial<Record<FieldKey, string>> = {};
    const others: string[] = [];
    for (const [path, message] of Object.entries(serverErrors)) {
      const key = fieldKeyOf(path);
      if (key && isShown(key, fields) && !mapped[key]) mapped[key] = message;
      else if (!key || !isShown(key, fields)) others.push(message);
    }
    setServer(mapped);
    setOtherServerErrors(others);
    const first = FIELD_ORDER.find((k) => mapped[k]);
    if (first) focusField(first);
    // Only a new answer from the service resets these, not typing.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [serverErrors]);

  const message = (key: FieldKey): string | undefined =>
    isShown(key, fields) ? (server[key] ?? (touched.has(key) || submitted ? check.errors[key] : undefined)) : undefined;
  const blocked = FIELD_ORDER.some((k) => message(k) !== undefined);

  const touch = (names: (keyof RitualFormFields)[]) => {
    const keys = names.flatMap((n) => TOUCHES[n]);
    setTouched((t) => new Set([...t, ...keys]));
    setServer((s) => {
      const next = { ...s };
      for (const k of keys) delete next[k];
      return next;
    });
  };

  /** Sets one input's value, with what follows from it (a kind's defaults, a date's weekday). */
  const set = <K extends keyof RitualFormFields>(name: K, value: RitualFormFields[K]) => {
    setFields((f) => {
      let next: RitualFormFields = { ...f, [name]: value };
      if (name === 'kind' && prefillFromKind) {
        next = { ...next, ...kindDefaults(value as RitualFormFields['kind'], f) };
        if (!dateChosen.current) next.firstDate = suggestedFirstDate(next, new Date());
      }
      if (name === 'firstDate' && next.every !== 'custom') {
        // The first date is an occurrence: the weekday (and its place in the month) follow it.
        const day = weekdayOf(value as string);
        if (day) next = { ...next, weekday: day.weekday, nth: day.nth };
      }
      if (name === 'every' && value === 'custom' && f.every !== 'custom') next.customRule = ruleOf(f);
      return next;
    });
    if (name === 'firstDate') dateChosen.current = true;
    touch([name]);
  };

  /** The input to send, or undefined after showing every message and focusing the first. */
  const submit = (): RitualInput | undefined => {
    setSubmitted(true);
    if (check.input && !blocked) return check.input;
    const first = FIELD_ORDER.find((k) => isShown(k, fields) && (server[k] ?? check.errors[k]));
    if (first) focusField(first);
    return undefined;
  };

  return { fields, set, message, blocked, submit, check, formRef, otherServerErrors };
}
