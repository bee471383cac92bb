/** ATT&CK tactic short name → the PascalCase names Sentinel (AttackTactic) and Defender use. */
export const sentinelTactic = (shortname: string): string =>
  shortname
    .split('-')
    .map((w) => (w === 'and' ? 'And' : w.charAt(0).toUpperCase() + w.slice(1)))
    .join('')
