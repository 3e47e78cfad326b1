/**
 * The dashboard: a grid of widgets (dashboard-widgets.tsx). Each widget is a component of its own that loads
 * its own data, so a slow or failing one does not hold the others back.
 */
import { useState } from 'react';
import { useAuth } from '../auth.tsx';
import { dashboardWidgets } from './dashboard-widgets.tsx';
import { maritimeWidgets, Onboarding } from './maritime-widgets.tsx';

export default function DashboardPage() {
  const { can } = useAuth();
  // Bumped after the onboarding panel imported data: the widgets load again.
  const [round, setRound] = useState(0);
  const widgets = [...dashboardWidgets, ...maritimeWidgets]
    .filter((w) => can(w.access ?? 'read'))
    .sort((a, b) => a.order - b.order);
  return (
    <>
      <h1>Dashboard</h1>
      <Onboarding onChange={() => setRound((r) => r + 1)} />
      <div className="grid dashboard" key={round}>
        {widgets.map((w) => (
          <div key={w.id} className={w.wide ? 'widget widget-wide' : 'widget'} data-widget={w.id}>
            <w.Component />
          </div>
        ))}
      </div>
    </>
  );
}
