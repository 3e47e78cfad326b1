import { appendAudit } from '../../store/audit.ts';
import type { AlertStatus } from '../../store/schema.ts';
import { type AlertRow, getAlert, listAlerts, updateAlertStatus } from '../../store/screening.ts';
import type { Store } from '../../store/store.ts';

export class AlertError extends Error {
  override name = 'AlertError';
}

export function alertsInbox(
  store: Store,
  opts: { status?: AlertStatus; kind?: string; limit?: number; offset?: number },
): Promise<{ total: number; items: AlertRow[] }> {
  return listAlerts(store, opts);
}

/**
 * Triage: confirm an alert or dismiss it with a reason (a dismissal without one cannot be reviewed later).
 * Every change is audit-logged.
 */
export async function triageAlert(
  store: Store,
  id: string,
  status: AlertStatus,
  reason: string | undefined,
  actor: string,
): Promise<AlertRow> {
  const alert = await getAlert(store, id);
  if (!alert) throw new AlertError(`no alert ${id}`);
  if (status === 'dismissed' && !reason?.trim()) throw new AlertError('a dismissal needs a reason');
  await store.db.transaction().execute(async (trx) => {
    await updateAlertStatus(trx, id, {
      status,
      reason: reason?.trim() || null,
      by: actor,
      at: new Date().toISOString(),
    });
    await appendAudit(trx, {
      actor,
      action: 'alert.triage',
      target: id,
      details: { from: alert.status, to: status, reason },
    });
  });
  return (await getAlert(store, id))!;
}
