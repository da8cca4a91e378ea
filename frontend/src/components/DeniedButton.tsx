import { Button, Tooltip } from '@fluentui/react-components';

/** DeniedButton is an action the analyst's role may not take: disabled, still focusable, with a tooltip that says why. */
export function DeniedButton({ label, reason }: { label: string; reason: string }) {
  return (
    <Tooltip content={reason} relationship="description">
      <Button disabledFocusable data-denied="role">
        {label}
      </Button>
    </Tooltip>
  );
}
