import { Button, Menu, MenuItemCheckbox, MenuList, MenuPopover, MenuTrigger, makeStyles, useId, type MenuProps } from '@fluentui/react-components';
import { ChevronDown16Regular } from '@fluentui/react-icons';

const useStyles = makeStyles({
  button: { minWidth: '150px', maxWidth: '220px', justifyContent: 'space-between', fontWeight: 'normal' },
  text: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
});

interface MultiSelectProps<T extends string> {
  /** The accessible name, e.g. "Severity". */
  label: string;
  labelledBy?: string;
  options: readonly T[];
  selected: readonly T[];
  optionLabel: (v: T) => string;
  /** Shown when nothing is chosen ("All severities"). */
  allText: string;
  /** Called with the new choice in the options' order. */
  onChange: (next: T[]) => void;
}

/** MultiSelect is a menu of checkboxes behind a button that summarises the choice. */
export function MultiSelect<T extends string>({ label, labelledBy, options, selected, optionLabel, allText, onChange }: MultiSelectProps<T>) {
  const styles = useStyles();
  const textId = useId('multiselect-value');
  const text = !selected.length ? allText : selected.length <= 2 ? selected.map(optionLabel).join(', ') : `${selected.length} selected`;
  const onCheckedValueChange: MenuProps['onCheckedValueChange'] = (_, d) => {
    const chosen = new Set(d.checkedItems);
    onChange(options.filter((o) => chosen.has(o)));
  };
  return (
    <Menu checkedValues={{ [label]: [...selected] }} onCheckedValueChange={onCheckedValueChange}>
      <MenuTrigger disableButtonEnhancement>
        <Button
          className={styles.button}
          icon={<ChevronDown16Regular />}
          iconPosition="after"
          aria-labelledby={labelledBy ? `${labelledBy} ${textId}` : undefined}
          aria-label={labelledBy ? undefined : `${label}: ${text}`}
        >
          <span className={styles.text} id={textId}>
            {text}
          </span>
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {options.map((o) => (
            <MenuItemCheckbox key={o} name={label} value={o}>
              {optionLabel(o)}
            </MenuItemCheckbox>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
