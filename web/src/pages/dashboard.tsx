/**
 * The dashboard: a grid of widgets (dashboard-widgets.tsx). Each widget is a component of its own that loads
 * its own data, so a slow or failing one does not hold the others back.
 */
import { useAuth } from '../auth.tsx';
import { dashboardWidgets } from './dashboard-widgets.tsx';

export default function DashboardPage() {
  const { can } = useAuth();
  const widgets = dashboardWidgets.filter((w) => can(w.access ?? 'read')).sort((a, b) => a.order - b.order);
  return (
    <>
      <h1>Dashboard</h1>
      <div className="grid dashboard">
        {widgets.map((w) => (
          <div key={w.id} className={w.wide ? 'widget widget-wide' : 'widget'} data-widget={w.id}>
            <w.Component />
          </div>
        ))}
      </div>
    </>
  );
}
