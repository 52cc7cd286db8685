# nbgrader configuration for the Two Chairs assessment. Run nbgrader commands from this
# folder (notebooks/assessment), which is the course directory: source/ holds the
# teacher's version with solutions; release/, submitted/, autograded/ and feedback/
# are made by nbgrader and are not committed.
c = get_config()  # noqa: F821  (nbgrader provides get_config)
c.CourseDirectory.course_id = "two_chairs"
# Students' notebooks may take a while to import the plotting stack on a busy hub.
c.ExecutePreprocessor.timeout = 300
# Every answer cell already reads `q1 = ...` above its solution, so a student's copy needs
# no stub: the learner replaces the three dots and types nothing else.
c.ClearSolutions.code_stub = {"python": ""}
