export function dovecotConfig(o: { dir: string; port: number; root: boolean; user: string; group: string; special: { sent: string; trash: string; junk: string; drafts: string } }): string;
