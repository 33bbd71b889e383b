// The form editor's live preview (#10 point 6): after typing stops, the server draws the typed JSON Schema with the
// task page's own macro and this swaps the fragment in. Without JavaScript the "Voorbeeld bijwerken" button does it.
(function () {
  var form = document.getElementById('formulier-editor');
  var target = document.getElementById('formulier-voorbeeld');
  if (!form || !target || !window.fetch) return;
  var source = form.querySelector('textarea[name="bron"]');
  var timer = null, sent = 0;
  function refresh() {
    var number = ++sent;
    var body = new FormData();
    body.append('bron', source.value);
    body.append('csrf_token', form.querySelector('input[name="csrf_token"]').value);
    fetch(form.dataset.previewUrl, { method: 'POST', body: body, credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (response) { return response.text(); })
      .then(function (html) { if (number === sent) target.innerHTML = html; })
      .catch(function () { /* the button still works */ });
  }
  source.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 350);
  });
}());
