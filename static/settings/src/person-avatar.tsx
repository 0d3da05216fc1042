/**
 * A person's avatar, 24 px: Jira's picture when it loads, else their initials on a neutral disc.
 * Decorative (alt ""): the name is always written beside it.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { PersonView } from '../../../src/contract';
import { initialsOf } from './people-model';

export function PersonAvatar({ person }: { readonly person: PersonView }): ReactNode {
  const [broken, setBroken] = useState(false);
  if (person.avatarUrl === null || broken) {
    return (
      <span className="tl-avatar tl-avatar-initials" aria-hidden="true">
        {initialsOf(person)}
      </span>
    );
  }
  return (
    <img
      className="tl-avatar"
      src={person.avatarUrl}
      alt=""
      width={24}
      height={24}
      referrerPolicy="no-referrer"
      onError={() => {
        setBroken(true);
      }}
    />
  );
}
