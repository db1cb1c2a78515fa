/** The meeting screen: the meetings feature's page, with a review meeting's 表态发言 from the escalation ladder put in. */
import { lazy, Suspense } from 'react';
import MeetingPage from '../features/meetings/components/meeting-page';

const MeetingStatements = lazy(() => import('../features/escalations/components/meeting-statements'));

export default function MeetingDetailScreen() {
  return (
    <MeetingPage
      statements={(m) =>
        m.kind === 'review' ? (
          <Suspense fallback={null}>
            <MeetingStatements meetingId={m.id} />
          </Suspense>
        ) : null
      }
    />
  );
}
