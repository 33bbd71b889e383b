/* Session warning (BIO): shortly before the session ends for lack of activity, say so in Dutch and let the
   user extend it without leaving the page, so what was typed stays where it is. When the session has ended
   all the same, what was typed in this tab's forms is kept in this tab's sessionStorage and put back when
   the user comes back to the page after logging in again (then it is removed; logging out removes it too).
   Settings come from <div id="cumulus-sessie" data-…> in base.html; without JavaScript the server still
   ends the session and the login page says so. */
(function () {
  "use strict";
  var STORE = "cumulus-bewaard:";
  var settings = document.getElementById("cumulus-sessie");
  if (!settings) {
    return;
  }
  var data = settings.dataset;
  var warnBefore = Number(data.waarschuwing) * 1000;
  var fullLength = Number(data.resterend);
  var deadline = 0;
  var timer = null;
  var ticker = null;
  var box = null;
  var returnFocus = null;

  function pageKey() {
    return STORE + window.location.pathname + window.location.search;
  }

  function editable(element) {
    var type = (element.type || "").toLowerCase();
    return element.name && element.name !== "csrf_token" && !element.disabled &&
      ["hidden", "password", "file", "submit", "button", "reset", "image"].indexOf(type) === -1;
  }

  function keepTyped() {
    var fields = [];
    Array.prototype.forEach.call(document.forms, function (form, index) {
      Array.prototype.forEach.call(form.elements, function (element) {
        if (!editable(element)) {
          return;
        }
        if (element.type === "checkbox" || element.type === "radio") {
          fields.push([index, element.name, element.value, element.checked]);
        } else if (element.tagName === "SELECT" && element.multiple) {
          Array.prototype.forEach.call(element.options, function (option) {
            fields.push([index, element.name, option.value, option.selected]);
          });
        } else {
          fields.push([index, element.name, null, element.value]);
        }
      });
    });
    try {
      window.sessionStorage.setItem(pageKey(), JSON.stringify(fields));
    } catch (ignored) { /* storage full or refused: the warning already said what happens */ }
  }

  function putBack() {
    var saved = null;
    try {
      saved = window.sessionStorage.getItem(pageKey());
      window.sessionStorage.removeItem(pageKey());
    } catch (ignored) {
      return;
    }
    if (!saved) {
      return;
    }
    JSON.parse(saved).forEach(function (field) {
      var form = document.forms[field[0]];
      if (!form) {
        return;
      }
      Array.prototype.forEach.call(form.elements, function (element) {
        if (element.name !== field[1] || !editable(element)) {
          return;
        }
        if (field[2] === null) {
          element.value = field[3];
        } else if (element.type === "checkbox" || element.type === "radio") {
          if (element.value === field[2]) {
            element.checked = field[3];
          }
        } else if (element.tagName === "SELECT") {
          Array.prototype.forEach.call(element.options, function (option) {
            if (option.value === field[2]) {
              option.selected = field[3];
            }
          });
        }
      });
    });
    var main = document.getElementById("inhoud");
    if (main) {
      var notice = document.createElement("div");
      notice.className = "utrecht-alert utrecht-alert--info";
      notice.setAttribute("role", "status");
      notice.innerHTML = '<div class="utrecht-alert__content"><div class="utrecht-alert__message">' +
        '<p class="utrecht-paragraph">Wat u voor het verlopen van uw sessie op deze pagina had ingevuld, ' +
        "is teruggezet. Controleer het en verstuur het formulier opnieuw.</p></div></div>";
      main.insertBefore(notice, main.firstChild);
    }
  }

  function forgetOnLogout() {
    Array.prototype.forEach.call(document.forms, function (form) {
      if (/\/auth\/uitloggen$/.test(form.getAttribute("action") || "")) {
        form.addEventListener("submit", function () {
          try {
            Object.keys(window.sessionStorage).forEach(function (key) {
              if (key.indexOf(STORE) === 0) {
                window.sessionStorage.removeItem(key);
              }
            });
          } catch (ignored) { /* nothing stored */ }
        });
      }
    });
  }

  function spoken(seconds) {
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    if (minutes === 0) {
      return rest + (rest === 1 ? " seconde" : " seconden");
    }
    return minutes + (minutes === 1 ? " minuut" : " minuten") + (rest ? " en " + rest + " seconden" : "");
  }

  function showBox(title, text, action) {
    if (!box) {
      returnFocus = document.activeElement;
      box = document.createElement("div");
      box.className = "utrecht-alert utrecht-alert--warning cumulus-session-warning";
      box.setAttribute("role", "alertdialog");
      box.setAttribute("aria-labelledby", "cumulus-sessie-titel");
      box.setAttribute("aria-describedby", "cumulus-sessie-tekst");
      box.innerHTML = '<div class="utrecht-alert__content"><div class="utrecht-alert__message">' +
        '<p class="utrecht-paragraph" id="cumulus-sessie-titel"><strong></strong></p>' +
        '<p class="utrecht-paragraph" id="cumulus-sessie-tekst"></p>' +
        '<div class="utrecht-button-group"></div></div></div>';
      document.body.appendChild(box);
    }
    box.querySelector("#cumulus-sessie-titel strong").textContent = title;
    box.querySelector("#cumulus-sessie-tekst").textContent = text;
    var group = box.querySelector(".utrecht-button-group");
    group.innerHTML = "";
    group.appendChild(action);
    action.focus();
  }

  function hideBox() {
    clearInterval(ticker);
    if (box) {
      box.parentNode.removeChild(box);
      box = null;
      if (returnFocus && returnFocus.focus) {
        returnFocus.focus();
      }
    }
  }

  function warningText() {
    var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    return "Over " + spoken(left) + " wordt u uitgelogd, omdat u een tijd niets naar de gemeente heeft " +
      "verstuurd. Wat u op deze pagina heeft ingevuld, blijft staan als u de sessie verlengt.";
  }

  function warn() {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "utrecht-button utrecht-button--primary-action";
    button.textContent = "Sessie verlengen";
    button.addEventListener("click", extend);
    showBox("Uw sessie verloopt bijna", warningText(), button);
    clearInterval(ticker);
    ticker = setInterval(function () {
      if (Date.now() >= deadline) {
        clearInterval(ticker);
        check();
        return;
      }
      var text = box && box.querySelector("#cumulus-sessie-tekst");
      if (text && Math.round((deadline - Date.now()) / 1000) % 15 === 0) {
        text.textContent = warningText();
      }
    }, 1000);
  }

  function ended() {
    clearTimeout(timer);
    clearInterval(ticker);
    keepTyped();
    var link = document.createElement("a");
    link.className = "utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action";
    link.href = data.inloggenUrl;
    link.textContent = "Opnieuw inloggen";
    showBox("Uw sessie is verlopen", "Voor uw veiligheid bent u uitgelogd. Wat u op deze pagina had " +
      "ingevuld, is in dit tabblad bewaard en wordt teruggezet als u na het inloggen hier terugkomt.", link);
  }

  function answer(response) {
    if (!response.ok) {
      throw new Error("HTTP " + response.status);
    }
    return response.json();
  }

  function follow(state) {
    if (!state.ingelogd) {
      ended();
    } else if (state.resterende_seconden * 1000 > warnBefore + 5000) {
      hideBox();
      schedule(state.resterende_seconden);
    } else {
      deadline = Date.now() + state.resterende_seconden * 1000;
      warn();
    }
  }

  function check() {
    fetch(data.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(answer).then(follow)
      .catch(function () {
        if (Date.now() >= deadline) {
          ended();
        } else {
          warn();
        }
      });
  }

  function extend() {
    fetch(data.verlengenUrl, { method: "POST", credentials: "same-origin",
                               headers: { Accept: "application/json", "X-CSRFToken": data.csrf } })
      .then(answer).then(follow)
      .catch(check);
  }

  function schedule(secondsLeft) {
    deadline = Date.now() + secondsLeft * 1000;
    clearTimeout(timer);
    timer = setTimeout(check, Math.max(0, deadline - Date.now() - warnBefore));
  }

  putBack();
  forgetOnLogout();
  schedule(fullLength);
  // A request made without reloading the page (htmx) is activity too.
  document.addEventListener("htmx:afterRequest", function () {
    if (!box) {
      schedule(fullLength);
    }
  });
}());
