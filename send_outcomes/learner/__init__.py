"""What runs in a learner's own kernel: the practice notebooks' score (``saved.report``) and the assessment
notebooks' test cells (``marking.progress`` visible, ``marking.mark`` hidden until autograde).

It reads the learner's answers file and hands the answers to the pure graders; nothing here needs nbgrader
or the trainer's tools.
"""

from send_outcomes.learner.saved import grade_saved, read_answers, report

__all__ = ["grade_saved", "read_answers", "report"]
