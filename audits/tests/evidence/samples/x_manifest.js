window.__THAR_CONFIG = {
  "userInfo" : {
    "accountId" : "1234567890",
    "userName" : "acme_org",
    "displayName" : "Acme Foundation"
  },
  "archiveInfo" : {
    "sizeBytes" : "18190",
    "generationDate" : "2024-04-01T16:22:24.361Z",
    "isPartialArchive" : false,
    "maxPartSizeBytes" : "53687091200"
  },
  "dataTypes" : {
    "tweets" : {
      "files" : [
        {
          "fileName" : "data/tweets.js",
          "globalName" : "YTD.tweets.part0",
          "count" : "6"
        }
      ]
    }
  }
}