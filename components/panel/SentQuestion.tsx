import { useState } from 'react';
import { t } from '../../lib/i18n';

type Answer = 'yes' | 'no' | 'notYet';
type Props = {
  question: string;
  /** Records the answer; "Nog niet" records nothing (the next opening of the panel asks again). */
  onAnswer: (answer: Answer) => Promise<void>;
  /** What the worker may answer: a draft can also be "not sent" for good; a withdrawal only "not yet". */
  answers?: readonly Answer[];
  /** What is said once it is recorded as sent. */
  recorded?: string;
};

const labels = { yes: 'sent_yes', no: 'sent_no', notYet: 'sent_notYet' } as const;
const results = { no: 'sent_recordedNot', notYet: 'sent_notRecorded' } as const;

/** "Verstuurd? ja / nee", asked where the sending happens (issue 21.3), so the yearly evaluation counts what was sent. */
export function SentQuestion({ question, onAnswer, answers = ['yes', 'notYet'], recorded = t('sent_recorded') }: Props) {
  const [answered, setAnswered] = useState<Answer | null>(null);
  if (answered) {
    return (
      <p role="status" className={answered === 'yes' ? 'ok' : 'muted'}>
        {answered === 'yes' ? recorded : t(results[answered])}
      </p>
    );
  }
  return (
    <p className="sent-question">
      {question}{' '}
      {answers.map((answer) => (
        <span key={answer}>
          <button
            type="button"
            className={answer === 'yes' ? '' : 'secondary'}
            onClick={() => void onAnswer(answer).then(() => setAnswered(answer))}
          >
            {t(labels[answer])}
          </button>{' '}
        </span>
      ))}
    </p>
  );
}
