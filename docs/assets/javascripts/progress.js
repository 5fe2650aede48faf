/* Reader progress, kept in this browser's localStorage only: no login, no server.
 * One record holds completed lessons and quiz answers. The quiz script writes answers through
 * window.downhillProgress; this script draws the completion toggles and the home page summary.
 * Runs on every page view, including Material's instant navigation (document$). */
(function () {
  "use strict";
  var KEY = "downhill.progress.v1";

  function empty() {
    return { version: 1, completed: {}, quizzes: {} };
  }

  function load() {
    try {
      var data = JSON.parse(window.localStorage.getItem(KEY));
      if (data && data.version === 1 && data.completed && data.quizzes) return data;
    } catch (error) {
      /* unreadable or blocked storage: start afresh */
    }
    return empty();
  }

  function save(data) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(data));
    } catch (error) {
      /* storage full or blocked: progress simply is not kept */
    }
  }

  function quizScore(data, lesson) {
    var answers = data.quizzes[lesson] || {};
    var ids = Object.keys(answers);
    var correct = ids.filter(function (id) { return answers[id].correct; }).length;
    return { correct: correct, answered: ids.length };
  }

  var api = {
    load: load,
    save: save,
    recordAnswer: function (lesson, question, correct, selected) {
      var data = load();
      data.quizzes[lesson] = data.quizzes[lesson] || {};
      data.quizzes[lesson][question] = { correct: correct, selected: selected, at: new Date().toISOString() };
      save(data);
    },
    answer: function (lesson, question) {
      return (load().quizzes[lesson] || {})[question] || null;
    },
    quizScore: function (lesson) { return quizScore(load(), lesson); }
  };
  window.downhillProgress = api;

  function drawCompletion(root) {
    var lesson = root.getAttribute("data-lesson");
    var button = root.querySelector(".dh-complete__button");
    var status = root.querySelector(".dh-complete__status");
    function draw() {
      var done = Boolean(load().completed[lesson]);
      button.setAttribute("aria-pressed", done ? "true" : "false");
      button.textContent = done ? "Completed ✓ (undo)" : "Mark this lesson complete";
      status.textContent = done ? "Lesson marked complete." : "";
    }
    button.addEventListener("click", function () {
      var data = load();
      if (data.completed[lesson]) delete data.completed[lesson];
      else data.completed[lesson] = new Date().toISOString();
      save(data);
      draw();
    });
    draw();
  }

  function drawSummary(root) {
    var total = Number(root.getAttribute("data-total"));
    var summary = root.querySelector(".dh-progress__summary");
    function draw() {
      var data = load();
      var lessons = document.querySelectorAll(".dh-course__state[data-lesson]");
      var done = 0;
      lessons.forEach(function (slot) {
        var lesson = slot.getAttribute("data-lesson");
        var score = quizScore(data, lesson);
        var parts = [];
        if (data.completed[lesson]) { done += 1; parts.push("✓ done"); }
        if (score.answered) parts.push("quiz " + score.correct + "/" + score.answered);
        slot.textContent = parts.join(" · ");
      });
      var percent = total ? Math.round((100 * done) / total) : 0;
      summary.textContent = done + " of " + total + " lessons done (" + percent + "% of the course).";
    }
    root.querySelector(".dh-progress__export").addEventListener("click", function () {
      var blob = new Blob([JSON.stringify(load(), null, 2)], { type: "application/json" });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = "downhill-progress.json";
      document.body.appendChild(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(link.href);
    });
    root.querySelector(".dh-progress__reset").addEventListener("click", function () {
      if (window.confirm("Forget every completed lesson and quiz answer kept in this browser?")) {
        save(empty());
        draw();
      }
    });
    draw();
  }

  function init() {
    document.querySelectorAll(".dh-complete[data-lesson]").forEach(drawCompletion);
    document.querySelectorAll(".dh-progress[data-total]").forEach(drawSummary);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
