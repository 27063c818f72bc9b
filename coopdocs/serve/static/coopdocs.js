// coopdocs serve: a little progressive enhancement over plain HTML forms.
// Without this file every button still works (each one is a submit button the server handles);
// with it, every change is checked as you type, and a change made to the file on disk while the
// page is open is announced (never overwritten: the server refuses to save over it).
"use strict";
(function () {
  var form = document.querySelector("form[data-verifier]");
  if (!form) { return; }
  var state = form.querySelector("[data-etat]");
  var shown = form.dataset.empreinte;
  var saving = false;
  var timer = null;
  var pending = null;

  function say(text) { if (state) { state.textContent = text; } }

  function clearMessages() {
    document.querySelectorAll("[data-messages]").forEach(function (box) {
      box.replaceChildren();
    });
  }

  function line(problem) {
    var p = document.createElement("p");
    p.className = problem.gravite === "erreur" ? "erreur" : "avertissement";
    p.textContent = (problem.gravite === "erreur" ? "Erreur : " : "Avertissement : ") + problem.message;
    if (problem.suggestion) {
      var hint = document.createElement("span");
      hint.className = "suggestion";
      hint.textContent = " (" + problem.suggestion + ")";
      p.appendChild(hint);
    }
    return p;
  }

  function summaryItem(problem, base) {
    var li = document.createElement("li");
    li.className = problem.gravite === "erreur" ? "erreur" : "avertissement";
    if (problem.chemin) {
      var code = document.createElement("code");
      code.textContent = problem.chemin;
      if (problem.etape) {
        var a = document.createElement("a");
        a.href = base + "/etape/" + problem.etape + (problem.ancre ? "#f-" + problem.ancre : "");
        a.appendChild(code);
        li.appendChild(a);
      } else {
        li.appendChild(code);
      }
      li.appendChild(document.createTextNode(" "));
    }
    li.appendChild(document.createTextNode(
      (problem.gravite === "erreur" ? "" : "avertissement : ") + problem.message +
      (problem.suggestion ? " (" + problem.suggestion + ")" : "")));
    return li;
  }

  function show(answer) {
    clearMessages();
    var base = form.getAttribute("action").replace(/\/etape\/[^/]+$/, "");
    answer.problemes.forEach(function (problem) {
      if (!problem.ancre) { return; }
      var box = document.querySelector('[data-messages="' + CSS.escape(problem.ancre) + '"]');
      if (box) { box.appendChild(line(problem)); }
    });
    var text = document.querySelector("[data-resume-texte]");
    if (text) { text.textContent = answer.resume; }
    var list = document.querySelector("[data-problemes]");
    if (list) {
      list.replaceChildren.apply(list, answer.problemes.map(function (p) { return summaryItem(p, base); }));
    }
    answer.etapes.forEach(function (step) {
      if (step.id === form.dataset.etapeCourante) {
        var section = document.querySelector("[data-manques-section]");
        var missing = document.querySelector("[data-manques]");
        if (section && missing) {
          missing.replaceChildren.apply(missing, step.manques.map(function (text) {
            var li = document.createElement("li");
            li.textContent = text;
            return li;
          }));
          section.hidden = step.manques.length === 0;
        }
        var badge = document.querySelector("[data-statut-etape]");
        if (badge) {
          badge.className = "badge statut-" + step.statut;
          badge.textContent = step.statut_libelle;
        }
      }
      var item = document.querySelector('.etapes [data-etape="' + CSS.escape(step.id) + '"]');
      if (item) {
        item.className = "etape statut-" + step.statut;
        var badge = item.querySelector("[data-statut]");
        if (badge) { badge.textContent = step.statut_libelle; }
      }
    });
  }

  function check() {
    timer = null;
    if (pending) { pending.abort(); }
    pending = new AbortController();
    var body = new FormData(form);
    say("Vérification…");
    fetch(form.dataset.verifier, {method: "POST", body: body, signal: pending.signal,
                                  credentials: "same-origin"})
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (answer) { show(answer); say("Vérifié (pas encore enregistré)."); })
      .catch(function (error) {
        if (error.name !== "AbortError") { say("La vérification n'a pas pu se faire."); }
      });
  }

  function soon() {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(check, 350);
  }

  form.addEventListener("input", soon);
  form.addEventListener("change", soon);
  form.addEventListener("submit", function () { saving = true; });

  function watch() {
    if (saving) { return; }
    fetch(form.dataset.empreinteUrl, {credentials: "same-origin", cache: "no-store"})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) {
        if (answer && answer.empreinte !== shown && !saving) {
          var banner = document.getElementById("modifie-ailleurs");
          if (banner && banner.hidden) { banner.hidden = false; }
        }
      })
      .catch(function () { /* the server stopped: nothing to announce */ });
  }
  setInterval(watch, 1500);
})();
