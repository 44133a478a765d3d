/** Lesson playback as the panel, the presenter overlay and the keyboard share it: go to a step, one forward, one back. */
import { useCallback, useState } from 'react';
import type { Localized } from '../../../../shared/contract/views';
import { useWorkspace } from '../../app/workspace/WorkspaceProvider';
import { useI18n, type Language } from '../../i18n';

export function localized(text: Localized, language: Language): string {
  return language === 'zh-CN' ? text.zh || text.en : text.en || text.zh;
}

export function useLesson() {
  const { view, act } = useWorkspace();
  const { t } = useI18n();
  const [playing, setPlaying] = useState(false);
  const lesson = view?.lesson;
  const goto = useCallback(
    async (position: number) => {
      if (!lesson || position < 0 || position > lesson.steps.length || playing) return;
      setPlaying(true);
      await act('lesson.goto', { position }, { title: t('lesson.stepFailed') });
      setPlaying(false);
    },
    [lesson, playing, act, t],
  );
  return {
    lesson,
    playing,
    goto,
    next: useCallback(() => void (lesson ? goto(lesson.position + 1) : undefined), [lesson, goto]),
    previous: useCallback(() => void (lesson ? goto(lesson.position - 1) : undefined), [lesson, goto]),
  };
}
