"""What a learner saves: the answers file format (``files``) and the shape of each exercise's answers
(``shapes``, the same rules as ``answerProblems`` in grading.js).

Everything that reads or writes ``answers/<exercise-id>.json`` (widgets, the learner's marking, the trainer's
course steps and report) comes here. It imports only ``exercise_types`` (where the shapes are kept as data).
"""
