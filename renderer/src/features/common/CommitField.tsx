/**
 * A text field that sends its value to the host when the person is done (Enter or leaving the
 * field), not on every key: each commit is one undoable edit. The host's answer to a bad value
 * (a script that does not parse, an amount too large) shows under the field.
 */
import { TextField, type TextFieldProps } from '@mui/material';
import { useEffect, useState, type ReactNode } from 'react';
import type { Result } from '../../../../shared/contract/result';
import { useI18n } from '../../i18n';
import { hostMessage } from '../../i18n/hostMessage';

export interface CommitFieldProps {
  readonly value: string;
  /** Local check before anything is sent; returns an error text or undefined. */
  readonly check?: (text: string) => string | undefined;
  readonly commit: (text: string) => Promise<Result<unknown>>;
  readonly label: string;
  readonly multiline?: boolean;
  readonly mono?: boolean;
  readonly disabled?: boolean;
  readonly testId?: string;
  readonly endAdornment?: ReactNode;
  readonly helper?: string | undefined;
  readonly size?: TextFieldProps['size'];
}

export function CommitField({
  value,
  check,
  commit,
  label,
  multiline,
  mono,
  disabled,
  testId,
  endAdornment,
  helper,
  size = 'small',
}: CommitFieldProps): ReactNode {
  const { t } = useI18n();
  const [text, setText] = useState(value);
  const [error, setError] = useState<string | undefined>();
  const [dirty, setDirty] = useState(false);

  // A new value from the host replaces the text unless the person is typing.
  useEffect(() => {
    if (!dirty) setText(value);
  }, [value, dirty]);

  const send = async (): Promise<void> => {
    if (!dirty) return;
    if (text === value) {
      setDirty(false);
      setError(undefined);
      return;
    }
    const local = check?.(text);
    if (local) {
      setError(local);
      return;
    }
    const r = await commit(text);
    if (r.ok) {
      setDirty(false);
      setError(undefined);
    } else {
      setError(hostMessage(t, r.error));
    }
  };

  return (
    <TextField
      label={label}
      value={text}
      size={size}
      fullWidth
      disabled={disabled}
      multiline={multiline}
      minRows={multiline ? 1 : undefined}
      maxRows={multiline ? 8 : undefined}
      error={error !== undefined}
      helperText={error ?? helper}
      onChange={(event) => {
        setText(event.target.value);
        setDirty(true);
      }}
      onBlur={() => void send()}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (!multiline || event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          void send();
        } else if (event.key === 'Escape') {
          setText(value);
          setDirty(false);
          setError(undefined);
        }
      }}
      slotProps={{
        htmlInput: {
          'data-testid': testId,
          spellCheck: false,
          style: mono ? { fontFamily: 'ui-monospace, Menlo, Consolas, monospace', fontSize: '0.85rem' } : undefined,
        },
        input: endAdornment ? { endAdornment } : {},
        formHelperText: { sx: { whiteSpace: 'pre-wrap' } } as object,
      }}
    />
  );
}
