import { Button, Menu, MenuGroup, MenuGroupHeader, MenuItem, MenuList, MenuPopover, MenuTrigger, makeStyles, tokens } from '@fluentui/react-components';
import { Person20Regular, SignOut20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { LOGIN_PATH } from './next';
import { roleLabel } from './roles';
import { logout, type Session } from './session';

const useStyles = makeStyles({
  trigger: { color: tokens.colorNeutralForegroundOnBrand, ':hover': { color: tokens.colorNeutralForegroundOnBrand }, ':hover:active': { color: tokens.colorNeutralForegroundOnBrand } },
  name: { fontWeight: tokens.fontWeightSemibold },
  role: { marginLeft: '6px', fontWeight: tokens.fontWeightRegular, fontSize: tokens.fontSizeBase200 },
  failed: { color: tokens.colorPaletteRedForeground1 },
});

interface UserMenuProps {
  session: Session;
  /** signOut ends the session (tests pass a fake). */
  signOut?: () => Promise<boolean>;
  /** go loads the login page afresh (nothing of the session stays in memory). */
  go?: (path: string) => void;
}

/** UserMenu is the header's account menu: who is signed in, with which role, and "Sign out". */
export function UserMenu({ session, signOut = logout, go = (p) => window.location.assign(p) }: UserMenuProps) {
  const styles = useStyles();
  const [failed, setFailed] = useState(false);
  const out = async () => {
    setFailed(false);
    if (await signOut()) go(LOGIN_PATH);
    else setFailed(true);
  };
  return (
    <Menu>
      <MenuTrigger disableButtonEnhancement>
        <Button appearance="transparent" className={styles.trigger} icon={<Person20Regular />} data-testid="user-menu">
          <span className={styles.name} data-testid="user-name">
            {session.username}
          </span>
          <span className={styles.role} data-testid="user-role">
            {roleLabel(session.role)}
          </span>
        </Button>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuGroup>
            <MenuGroupHeader>
              Signed in as {session.username} ({session.role})
            </MenuGroupHeader>
            <MenuItem icon={<SignOut20Regular />} onClick={out}>
              {failed ? <span className={styles.failed}>Signing out failed: try again</span> : 'Sign out'}
            </MenuItem>
          </MenuGroup>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
