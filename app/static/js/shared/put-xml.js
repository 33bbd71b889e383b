// Save an editor's XML to the concept (the modeler and the DMN editor): PUT with the CSRF token and the concept
// version the page was loaded with; the answer's JSON body, or null when the server sent none.
export async function putXml(root, xml, version) {
  const answer = await fetch(root.dataset.saveUrl, {
    method: 'PUT', credentials: 'same-origin', body: xml,
    headers: { 'Content-Type': 'application/xml', Accept: 'application/json', 'X-CSRFToken': root.dataset.csrf,
               'X-Concept-Versie': version },
  });
  let body = null;
  try {
    body = await answer.json();
  } catch (error) {
    body = null;
  }
  return { answer, body };
}
